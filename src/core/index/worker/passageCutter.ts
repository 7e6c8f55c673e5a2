/**
 * The thread beside the index worker that reads documents' prose and cuts it into passages (see WorkerCutter).
 * Bundled by esbuild as its own entry (dist/passageCutter.js), next to dist/indexWorker.js.
 */
import { parentPort } from 'node:worker_threads';
import { packFeatures, passagesOf, type CutAnswer, type CutRequest } from '../cutting';

const port = parentPort;
if (!port) throw new Error('passageCutter must run in a worker thread');

port.on('message', (request: CutRequest) => {
  let answer: CutAnswer;
  try {
    answer = { id: request.id, ...packFeatures(request.documents.map((doc) => passagesOf(doc, request.chunking))) };
  } catch (error) {
    answer = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(answer, 'features' in answer ? [answer.features.buffer as ArrayBuffer] : []);
});
