// What a request carries to the model, whichever endpoint it goes to (generate or chat).

/** Everything a request carries to the model, whichever endpoint: system, prompt, chat messages. */
export function promptParts(request: object): string[] {
  const r = request as { system?: string; prompt?: string; messages?: readonly { content: string }[] };
  return [r.system ?? '', r.prompt ?? '', ...(r.messages ?? []).map((m) => m.content)];
}
