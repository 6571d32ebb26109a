// Errors the worker answers with: a code the pages can act on and words a reader can follow.

export class UserError extends Error {
  constructor(code, words, extra = {}) {
    super(words);
    Object.assign(this, { code, words }, extra);
  }
}

// Plain words for the core's error codes (StoryprintError.code).
export const WORDS = {
  'pack.checksum': 'The pack file is damaged or was altered: its checksum does not match.',
  'pack.truncated': 'The pack file is incomplete: it may have been cut off while downloading.',
  'pack.foreign': 'This file is not a Storyprint pack.',
  'pack.corrupt': 'The pack file is corrupt.',
  'pack.newer': 'This pack was made for a newer version of Storyprint: update the extension.',
  'pack.version': 'This pack format is not supported.',
  'pack.too_large': 'The pack is too large.',
  'key.format': 'A publisher key is 44 characters of base64, as `storyprint pack keygen` prints it.',
  'text.too_large': 'The article is too long to check.',
  'text.too_many_tokens': 'The article is too long to check.',
  'engine.aborted': 'Storyprint stopped on this page; it has restarted for the next one.',
};

export function explain(err) {
  const code = err?.code ?? 'internal';
  return { code, words: err?.words ?? WORDS[code] ?? String(err?.message ?? err), detail: err?.message, origin: err?.origin };
}
