// Filters the search page's list of indicators and sessions as the reader
// types. The page works without this script (it then lists everything);
// the index is `search-index.js`, built with the site. The query is folded
// exactly as the index was (src/render/search.rs): lowercase, NFD, combining
// marks dropped, đ to d, anything but letters and digits to one space, and
// a word's final y after a consonant read as i (tỉ/tỷ, lí/lý).
(function () {
  'use strict';
  var index = window.minhbachSearch;
  var form = document.getElementById('search-form');
  var status = document.getElementById('search-status');
  if (!index || !form || !status) return;
  var input = form.querySelector('input[name="q"]');
  var items = document.querySelectorAll('[data-search-id]');
  var sections = document.querySelectorAll('[data-search-section]');

  function fold(text) {
    return text
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/đ/g, 'd')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .replace(/([bcdghklmnpqrstvx])y(?= |$)/g, '$1i');
  }

  // How well an entry (its folded texts) matches the folded query: 3 for
  // the query as a phrase in one text (the last word may be unfinished),
  // 2 for every word as a whole word, 1 for every word beginning a word,
  // 0 for no match. Only the best tier found is shown. Same rule as
  // `rank` in src/render/search.rs.
  function rank(texts, query) {
    if (!query) return 0;
    var phrase = ' ' + query;
    if (texts.some(function (t) { return (' ' + t).indexOf(phrase) !== -1; })) return 3;
    var words = texts.join(' ').split(' ');
    var asked = query.split(' ');
    if (asked.every(function (q) { return words.indexOf(q) !== -1; })) return 2;
    var starts = asked.every(function (q) {
      return words.some(function (w) { return w.lastIndexOf(q, 0) === 0; });
    });
    return starts ? 1 : 0;
  }

  function say(template, n, q) {
    return template.replace('{n}', String(n)).replace('{q}', q);
  }

  // The "found" text in the plural form CLDR gives the count in the
  // page's language (the forms are those of counts.search_found); the
  // single text where the browser cannot tell the form.
  function found(n) {
    try {
      var forms = JSON.parse(status.getAttribute('data-found-forms'));
      var rules = new Intl.PluralRules(status.getAttribute('data-plural-locale'));
      var form = forms[rules.select(n)] || forms.other;
      if (form) return form;
    } catch (e) { /* falls back below */ }
    return status.getAttribute('data-found');
  }

  function run() {
    var q = input.value.trim();
    var folded = fold(q);
    var ranks = Array.prototype.map.call(items, function (item) {
      return rank(index[item.getAttribute('data-search-id')] || [], folded);
    });
    var best = Math.max.apply(null, ranks.concat([0]));
    var count = 0;
    Array.prototype.forEach.call(items, function (item, i) {
      var hit = !folded || ranks[i] === best && best > 0;
      item.hidden = !hit;
      if (hit) count += 1;
    });
    Array.prototype.forEach.call(sections, function (section) {
      section.hidden = !section.querySelector('[data-search-id]:not([hidden])');
    });
    if (!folded) {
      status.textContent = '';
    } else if (count === 0) {
      status.textContent = say(status.getAttribute('data-none'), count, q);
    } else {
      status.textContent = say(found(count), count, q);
    }
  }

  var initial = new URLSearchParams(window.location.search).get('q');
  if (initial) input.value = initial;
  input.addEventListener('input', run);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    run();
    try {
      var url = new URL(window.location.href);
      url.searchParams.set('q', input.value.trim());
      window.history.replaceState(null, '', url.toString());
    } catch (e) {
      // Some browsers refuse to change the address of a local file; the
      // results are shown all the same.
    }
  });
  run();
})();
