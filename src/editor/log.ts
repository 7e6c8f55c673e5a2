import * as vscode from 'vscode';
import type { Log } from '../core/common/log';

/** The core's Log written to the "Ownvoice" output channel, where every error ends up. */
export function createLog(channel: vscode.LogOutputChannel): Log {
  return {
    trace: (m) => channel.trace(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
  };
}
