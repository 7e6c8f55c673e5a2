import type { ModelInfo } from '../model/modelHost';
import type { CompletionHost } from './engineDeps';

/** Each model's /api/show, asked once per host: its template and limits do not change between suggestions. */
export class ModelInfos {
  private readonly infos = new Map<string, Promise<ModelInfo>>();
  private host: CompletionHost | undefined;

  get(host: CompletionHost, model: string): Promise<ModelInfo> {
    if (host !== this.host) this.infos.clear();
    this.host = host;
    let info = this.infos.get(model);
    if (!info) {
      info = host.show(model);
      this.infos.set(model, info);
      // A failed answer is asked again next time (the host may have been down, or the model not yet pulled).
      info.catch(() => this.infos.delete(model));
    }
    return info;
  }

  clear(): void {
    this.infos.clear();
  }
}
