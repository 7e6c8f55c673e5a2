// A stand-in Ollama server for tests: Ollama's HTTP API over a real tiny model, with switchable faults.
import { statSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import { DEFAULT_MODELS, type StandinModelSpec, normalizeModelName } from './catalogue';
import { handleChat, handleGenerate } from './completion';
import { type StandinContext, buildModelTable } from './context';
import { type CostSettings, type ProfileName, PROFILES, checkTimeScale, profileNamed } from './cost/profiles';
import { LLAMA3_COUNTER, modelCounter } from './cost/tokens';
import { Engine } from './engine';
import { HttpError, closeSignal, nowIso, parseJsonObject, readBody, sendError, sendJson, sendText } from './http';
import { defaultModelPath } from './paths';
import { handleEmbed, handlePs, handlePull, handleShow, handleTags, handleVersion } from './routes';
import { type ChattySettings, DEFAULT_CHATTY, parseChatty } from './persona/chatty';
import { type Faults, NO_FAULTS, type RecordedRequest, Slot, type StandinStats, emptyStats, parseFaults, recordRequest } from './state';

export type { Faults, StandinStats, RecordedRequest, StandinModelSpec, ProfileName, ChattySettings };
export type { RequestCost } from './cost/ledger';
export { DEFAULT_MODELS, PROFILES };

export interface StandinOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  modelPath?: string;
  /** The catalogue; defaults to DEFAULT_MODELS. */
  models?: readonly StandinModelSpec[];
  /** What /api/version reports. */
  version?: string;
  /** A cost profile (cost/profiles.ts); none (default): the tiny model's own speed. */
  profile?: ProfileName | null;
  /** Factor on every wait a profile implies (default 1). */
  timeScale?: number;
}

export interface Standin {
  readonly url: string;
  readonly port: number;
  /** Time to load weights and create contexts, measured at start. */
  readonly modelLoadMs: number;
  setFaults(partial: Partial<Faults>): void;
  clearFaults(): void;
  faults(): Faults;
  /** Profile and time scale; `timeScale` alone keeps the profile. */
  setProfile(profile: ProfileName | null, timeScale?: number): void;
  profile(): { profile: ProfileName | null; timeScale: number };
  setChatty(partial: Partial<ChattySettings>): void;
  stats(): StandinStats;
  resetStats(): void;
  /** Faults and stats cleared, catalogue back to its initial installed set, every model cold, profile and chatty persona as at start. */
  reset(): void;
  /** Close the listening socket (clients get ECONNREFUSED); running responses finish. */
  stopListening(): Promise<void>;
  resumeListening(): Promise<void>;
  /** Like a killed server: stop listening and cut every connection. `start()` listens again, models cold. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

type Handler = (ctx: StandinContext, res: http.ServerResponse, body: Record<string, unknown>, record: RecordedRequest) => unknown;

interface Route {
  methods: readonly string[];
  run: Handler;
}

const ROUTES: Readonly<Record<string, Route>> = {
  '/': { methods: ['GET', 'HEAD'], run: () => undefined }, // answered before dispatch
  '/api/version': { methods: ['GET', 'HEAD'], run: (ctx, res) => handleVersion(ctx, res) },
  '/api/tags': { methods: ['GET', 'HEAD'], run: (ctx, res) => handleTags(ctx, res) },
  '/api/ps': { methods: ['GET'], run: (ctx, res) => handlePs(ctx, res) },
  '/api/show': { methods: ['POST'], run: (ctx, res, body) => handleShow(ctx, res, body) },
  '/api/generate': { methods: ['POST'], run: handleGenerate },
  '/api/chat': { methods: ['POST'], run: handleChat },
  '/api/embed': { methods: ['POST'], run: (ctx, res, body) => handleEmbed(ctx, res, body, closeSignal(res)) },
  '/api/pull': { methods: ['POST'], run: (ctx, res, body) => handlePull(ctx, res, body) },
};

const SETTLE_MS = 25;

export async function startStandin(opts: StandinOptions = {}): Promise<Standin> {
  const modelPath = path.resolve(opts.modelPath ?? defaultModelPath());
  // The environment supplies a profile to stand-ins started by harnesses that pass none (e.g. the browser tests).
  const env = process.env;
  const scale = opts.timeScale ?? (env.OWNVOICE_STANDIN_TIME_SCALE ? Number(env.OWNVOICE_STANDIN_TIME_SCALE) : 1);
  const cost: CostSettings = { profile: profileNamed(opts.profile === undefined ? env.OWNVOICE_STANDIN_PROFILE : opts.profile), timeScale: checkTimeScale(scale) };
  const engine = await Engine.load(modelPath);
  const specs = opts.models ?? DEFAULT_MODELS;
  const ctx: StandinContext = {
    engine,
    modelPath,
    fileSize: statSync(modelPath).size,
    version: opts.version ?? '0.13.0',
    modifiedAt: nowIso(),
    models: buildModelTable(specs, engine.sha256),
    faults: { ...NO_FAULTS },
    stats: emptyStats(),
    engineTurn: new Slot(),
    slots: new Map(),
    loaded: new Map(),
    cost,
    initialCost: { ...cost },
    modelCounter: modelCounter(engine.model),
    chatty: structuredClone(DEFAULT_CHATTY),
    chattyCount: 0,
    costCount: 0,
    closing: new AbortController(),
    active: new Set(),
    killed: new WeakSet(),
  };
  if (cost.profile) LLAMA3_COUNTER.count(''); // its vocabulary takes ~0.5 s to load: not in the first request
  const server = new StandinServer(ctx, specs, opts.host ?? '127.0.0.1');
  try {
    await server.listen(opts.port ?? 0);
  } catch (err) {
    await engine.dispose();
    throw err;
  }
  return server;
}

class StandinServer implements Standin {
  private server: http.Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private refusing = false;
  private closed = false;
  port = 0;

  constructor(
    private readonly ctx: StandinContext,
    private readonly specs: readonly StandinModelSpec[],
    private readonly host: string,
  ) {}

  get url(): string {
    return `http://${this.host}:${this.port}`;
  }

  get modelLoadMs(): number {
    return this.ctx.engine.loadMs;
  }

  setFaults(partial: Partial<Faults>): void {
    Object.assign(this.ctx.faults, parseFaults(partial));
  }

  clearFaults(): void {
    Object.assign(this.ctx.faults, NO_FAULTS);
  }

  faults(): Faults {
    return { ...this.ctx.faults };
  }

  setProfile(profile: ProfileName | null, timeScale?: number): void {
    const next = { profile: profileNamed(profile), timeScale: timeScale === undefined ? this.ctx.cost.timeScale : checkTimeScale(timeScale) };
    if (next.profile) LLAMA3_COUNTER.count('');
    Object.assign(this.ctx.cost, next);
  }

  profile(): { profile: ProfileName | null; timeScale: number } {
    return { profile: this.ctx.cost.profile?.name ?? null, timeScale: this.ctx.cost.timeScale };
  }

  setChatty(partial: Partial<ChattySettings>): void {
    Object.assign(this.ctx.chatty, parseChatty(partial));
  }

  stats(): StandinStats {
    return { ...structuredClone(this.ctx.stats), profile: this.ctx.cost.profile?.name ?? null, timeScale: this.ctx.cost.timeScale };
  }

  resetStats(): void {
    const { inFlight, pending } = this.ctx.stats;
    // Requests still running keep decrementing these, so they carry over.
    Object.assign(this.ctx.stats, emptyStats(), { inFlight, pending, maxInFlight: inFlight, maxPending: pending });
    this.ctx.costCount = 0;
  }

  reset(): void {
    this.clearFaults();
    this.resetStats();
    this.ctx.loaded.clear();
    Object.assign(this.ctx.cost, this.ctx.initialCost);
    this.ctx.chatty = structuredClone(DEFAULT_CHATTY);
    this.ctx.chattyCount = 0;
    for (const spec of this.specs) {
      const entry = this.ctx.models.get(normalizeModelName(spec.name));
      if (entry) entry.installed = spec.installed;
    }
  }

  async listen(port: number): Promise<void> {
    const server = http.createServer((req, res) => void this.handle(req, res));
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await listenWithRetry(server, port, this.host);
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    this.refusing = false;
  }

  async stopListening(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.refusing = true;
    this.server = null;
    server.close();
    // Kept-alive idle sockets would otherwise still reach us; fetch must see a refused connection.
    server.closeIdleConnections();
    // Give clients a moment to read the FIN, or their next request picks the dead pooled socket.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  }

  async resumeListening(): Promise<void> {
    if (this.closed) throw new Error('stand-in: closed');
    if (!this.server) await this.listen(this.port);
  }

  async stop(): Promise<void> {
    for (const res of this.ctx.active) this.ctx.killed.add(res);
    await this.stopListening();
    for (const socket of this.sockets) socket.destroy();
    this.ctx.loaded.clear();
    // A killed server processes nothing more: loads and prompt times under way end now.
    this.ctx.closing.abort();
    this.ctx.closing = new AbortController();
  }

  async start(): Promise<void> {
    await this.resumeListening();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    await this.stop();
    // Let aborted generations leave the model before freeing it.
    const never = new AbortController().signal;
    await Promise.all([...this.ctx.slots.values()].map((slot) => slot.run(never, async () => undefined)));
    await this.ctx.engineTurn.run(never, async () => undefined);
    await this.ctx.engine.dispose();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (this.refusing) {
      req.socket.destroy(); // a request on a kept-alive socket while "down"
      return;
    }
    res.once('finish', () => {
      if (this.refusing) req.socket.destroy();
    });
    try {
      await this.dispatch(req, res);
    } catch (err) {
      if (res.headersSent || res.destroyed) res.end();
      else sendError(res, err instanceof HttpError ? err.status : 500, (err as Error).message);
    }
  }

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const urlPath = new URL(req.url ?? '/', 'http://standin').pathname;
    if (urlPath.startsWith('/__standin/')) return this.control(req, res, method, urlPath);
    const route = ROUTES[urlPath];
    if (!route) return sendText(res, 404, '404 page not found');
    const text = method === 'POST' ? await readBody(req) : '';
    const record: RecordedRequest = { method, path: urlPath, at: nowIso(), body: parseLoosely(text) };
    recordRequest(this.ctx.stats, record);
    if (!route.methods.includes(method)) {
      res.setHeader('Allow', route.methods.join(', '));
      return sendError(res, 405, 'method not allowed');
    }
    if (urlPath === '/') return sendText(res, 200, 'Ollama is running', method === 'HEAD');
    if (this.ctx.faults.http500) return sendError(res, 500, 'stand-in: injected internal server error');
    const body = method === 'POST' ? parseJsonObject(text) : {};
    await route.run(this.ctx, res, body, record);
  }

  private async control(req: http.IncomingMessage, res: http.ServerResponse, method: string, urlPath: string): Promise<void> {
    const key = `${method} ${urlPath}`;
    if (key === 'GET /__standin/stats') return sendJson(res, 200, this.stats());
    if (key === 'GET /__standin/profiles') return sendJson(res, 200, { profiles: PROFILES, ...this.profile() });
    if (key === 'POST /__standin/reset') {
      this.reset();
      return sendJson(res, 200, this.settings());
    }
    if (key !== 'POST /__standin/control') return sendError(res, 404, `unknown control endpoint ${key}`);
    const body = parseJsonObject(await readBody(req));
    const { refuseConnectionsForMs, stopForMs, profile, timeScale, chatty, ...faults } = body;
    const refuseMs = optionalMs(refuseConnectionsForMs, 'refuseConnectionsForMs');
    const stopMs = optionalMs(stopForMs, 'stopForMs');
    try {
      // Checked whole before anything changes: a bad request changes nothing.
      const checkedFaults = parseFaults(faults);
      const checkedChatty = chatty === undefined ? {} : parseChatty(chatty);
      const nextProfile = profile === undefined ? this.ctx.cost.profile : profileNamed(profile);
      const nextScale = timeScale === undefined ? this.ctx.cost.timeScale : checkTimeScale(timeScale);
      this.setFaults(checkedFaults);
      Object.assign(this.ctx.chatty, checkedChatty);
      Object.assign(this.ctx.cost, { profile: nextProfile, timeScale: nextScale });
    } catch (err) {
      throw new HttpError(400, (err as Error).message);
    }
    sendJson(res, 200, this.settings());
    if (refuseMs !== undefined) this.downFor(res, refuseMs, false);
    if (stopMs !== undefined) this.downFor(res, stopMs, true);
  }

  private settings(): Record<string, unknown> {
    return { faults: this.faults(), ...this.profile(), chatty: { ...this.ctx.chatty } };
  }

  /** After the answer has left: go down for `ms`, then come back on the same port. */
  private downFor(res: http.ServerResponse, ms: number, whole: boolean): void {
    res.once('finish', () => {
      void (whole ? this.stop() : this.stopListening()).then(() => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          void (whole ? this.start() : this.resumeListening());
        }, ms);
        this.timers.add(timer);
      });
    });
  }
}

function optionalMs(value: unknown, key: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value >= 0)) throw new HttpError(400, `${key} must be a number of ms`);
  return value;
}

function parseLoosely(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** listen(), retrying briefly when the port is still being released by a previous listener. */
async function listenWithRetry(server: http.Server, port: number, host: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
