// The page's elements, by what they are for (ids in index.html), and its status messages.
const $ = (id) => document.getElementById(id);

export const ui = {
  status: $('engine-status'), samples: $('samples'), form: $('check-form'), text: $('text'), drop: $('drop-zone'),
  file: $('file'), meta: $('meta'), title: $('meta-title'), outlet: $('meta-outlet'), published: $('meta-published'),
  url: $('meta-url'), check: $('check'), addKnown: $('add-known'), clear: $('clear'), inputMessage: $('input-message'),
  result: $('result'), verdict: $('verdict'), scores: $('scores'), timeline: $('timeline'), compare: $('compare'),
  compareSummary: $('compare-summary'), quotesSection: $('quotes-section'), quotesSummary: $('quotes-summary'), quotes: $('quotes'), packList: $('pack-list'), packFile: $('pack-file'),
  packMessage: $('pack-message'), yoursList: $('yours-list'), yoursDownload: $('yours-download'),
};

export const setMessage = (el, text, kind = 'info') => {
  el.textContent = text;
  el.dataset.kind = kind;
};
