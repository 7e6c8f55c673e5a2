/**
 * Answers: what a model said, reduced to the writer's words. Talk about the task (preambles, refusals, notes, offers,
 * sign-offs), echoes of the prompt's scaffolding and markup the document would not have are removed; completions
 * and rewrites both read their answers here.
 */
export { withoutForeignMarkup } from './markup';
export { readAnswer, type Reading, type Situation } from './reading';
export { NO_SCAFFOLDING, scaffoldingOf, type Scaffolding } from './scaffolding';
export { writerOf, type TalkKind } from './talk';
export { describeFate, TalkTally, type AnswerFate } from './tally';
