// Mocha's spec output, plus the counts written to $OWNVOICE_RESULT_FILE when the run ends.
import * as Mocha from 'mocha';
import { RESULT_FILE_ENV, writeResult } from './results';

const { EVENT_RUN_END } = Mocha.Runner.constants;

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const file = process.env[RESULT_FILE_ENV];
      const { passes, failures, pending } = runner.stats ?? { passes: 0, failures: 1, pending: 0 };
      if (file) writeResult(file, { passed: passes, failed: failures, pending });
    });
  }
}

export = CountingReporter;
