// The reader's own reading in IndexedDB (lib/db.js): the remembered articles' metadata and the
// segments (small packs) holding their fingerprints. Every change that touches both is one
// transaction, so a worker stopped midway never leaves an article without its segment or back.
import { transact } from './db.js';

const BOTH = ['articles', 'segments'];

export const segments = () => transact(['segments'], 'readonly', (s) => s.segments.getAll());
export const articles = () => transact(['articles'], 'readonly', (s) => s.articles.getAll());
export const articleCount = () => transact(['articles'], 'readonly', (s) => s.articles.count());
export const articleAt = (url) => transact(['articles'], 'readonly', (s) => s.articles.index('url').get(url));
export const idsOfHost = (host) => transact(['articles'], 'readonly', (s) => s.articles.index('host').getAllKeys(host));

/** Remembers an article with the segment holding its fingerprint. */
export const add = (article, segment) => transact(BOTH, 'readwrite', (s) => {
  s.segments.put(segment);
  s.articles.put(article);
});

/** Puts segments in place of others (a merge, or segments rebuilt without forgotten articles) and forgets those articles. */
export const replace = ({ put = [], remove = [], forget = [] }) => transact(BOTH, 'readwrite', (s) => {
  for (const name of remove) s.segments.delete(name);
  for (const seg of put) s.segments.put(seg);
  for (const id of forget) s.articles.delete(id);
});

export const clear = () => transact(BOTH, 'readwrite', (s) => {
  s.segments.clear();
  s.articles.clear();
});
