/*
 * Essaim — états qui changent sans recharger la page (documents en production, exports en préparation).
 * Une zone [data-live-status="<adresse>"] est interrogée toutes les quelques secondes (adresse JSON { final, items },
 * autorisée comme la page) ; les lignes de son tableau sont reconstruites à partir des éléments reçus, et la zone
 * [data-live-message] (aria-live="polite") annonce chaque élément devenu disponible ou en échec. L'interrogation
 * s'arrête quand tout est final. Une zone à un seul résultat (data-live-kind="minutes", le procès-verbal d'une séance)
 * remplace plutôt le contenu de [data-live-outcome] (lien ou échec) dès que la dernière version n'est plus en cours.
 * Sans JavaScript, un lien « actualiser la page » reste proposé.
 * Le texte est toujours inséré par textContent : aucun HTML venant du serveur n'est interprété.
 */
(function () {
  'use strict';

  var FIRST_DELAY_MS = 2000;
  var MAX_DELAY_MS = 15000;
  var MAX_POLLS = 120;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function cell(content) {
    var td = document.createElement('td');
    if (typeof content === 'string') td.textContent = content;
    else if (content) td.appendChild(content);
    return td;
  }

  function badge(tag, item) {
    var cls = item.status === 'READY' ? 'fr-badge--success' : item.status === 'FAILED' ? 'fr-badge--error' : 'fr-badge--info';
    return el(tag, 'fr-badge fr-badge--sm ' + cls, item.statusText || item.statusLabel);
  }

  function download(href, srText, detail, fileName, text) {
    var a = el('a', 'fr-link fr-link--download', text || 'Télécharger');
    a.href = href;
    a.setAttribute('download', fileName || '');
    a.appendChild(el('span', 'fr-sr-only', ' ' + srText));
    a.appendChild(document.createTextNode(' '));
    a.appendChild(el('span', 'fr-link__detail', detail));
    return a;
  }

  /** One row per kind of region, the same cells as the server-rendered table. */
  var ROWS = {
    documents: function (d) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-live-id', d.id);
      tr.appendChild(cell(d.label));
      tr.appendChild(cell(String(d.version)));
      tr.appendChild(cell(d.createdAtText));
      tr.appendChild(cell(badge('p', d)));
      tr.appendChild(cell(d.href ? download(d.href, '« ' + d.label + ' », version ' + d.version, 'PDF – ' + d.sizeText) : '—'));
      return tr;
    },
    reports: function (r) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-live-id', r.id);
      tr.setAttribute('data-report-id', r.id);
      tr.appendChild(cell(r.requestedAt));
      var type = cell(r.typeLabel + ' ');
      type.appendChild(el('span', 'fr-text--xs', '(' + r.format + ')'));
      tr.appendChild(type);
      tr.appendChild(cell(r.scope));
      var state = cell(badge('span', r));
      if (r.failureReason) state.appendChild(el('p', 'fr-text--xs fr-mb-0', r.failureReason));
      tr.appendChild(state);
      var detail =
        r.format +
        (r.sizeText ? ' – ' + r.sizeText : '') +
        (r.rowCount !== null && r.rowCount !== undefined ? ' – ' + r.rowCount + (r.rowCount > 1 ? ' lignes' : ' ligne') : '');
      tr.appendChild(cell(r.href ? download(r.href, r.typeLabel + ' ' + r.scope, detail, r.fileName) : '—'));
      return tr;
    },
  };

  /**
   * Regions that show one outcome instead of a table (the minutes of a committee session): once the latest version is
   * no longer pending, [data-live-outcome] gets its download link or its failure, as the server renders them.
   */
  var OUTCOMES = {
    minutes: function (item, region) {
      var title = region.getAttribute('data-live-title') || '';
      var version = item.version > 1 ? ' (version ' + item.version + ')' : '';
      if (item.status === 'READY') {
        var link = el('p');
        link.id = 'proces-verbal-lien';
        link.appendChild(download(item.href, 'de « ' + title + ' », version ' + item.version, 'PDF – ' + item.sizeText, '', 'Télécharger le procès-verbal'));
        return {
          nodes: [link, el('p', 'fr-text--sm', 'Version ' + item.version + ', établie le ' + item.createdAtText + '.')],
          said: 'Le procès-verbal' + version + ' est prêt : son lien de téléchargement est affiché.',
        };
      }
      var alert = el('div', 'fr-alert fr-alert--error fr-alert--sm');
      alert.id = 'proces-verbal-echec';
      alert.appendChild(
        el(
          'p',
          null,
          'La production du procès-verbal' +
            version +
            ' a échoué' +
            (item.failureReason ? ' : ' + item.failureReason : '') +
            '. Un administrateur peut relancer la tâche depuis « Tâches en échec ».',
        ),
      );
      return { nodes: [alert], said: 'La production du procès-verbal' + version + ' a échoué.' };
    },
  };

  function latest(items) {
    var last = null;
    items.forEach(function (item) {
      if (!last || item.version > last.version) last = item;
    });
    return last;
  }

  function label(kind, item) {
    return kind === 'reports' ? item.typeLabel + ' (' + item.scope + ')' : item.label;
  }

  function setup(region) {
    var url = region.getAttribute('data-live-status');
    var kind = region.getAttribute('data-live-kind');
    var message = region.querySelector('[data-live-message]');
    if (!message) return;
    if (OUTCOMES[kind]) return watch(region, url, outcomeOf(region, kind, message));
    var render = ROWS[kind];
    var tbody = region.querySelector('tbody');
    if (!render || !tbody) return;
    var known = {};
    var rows = tbody.querySelectorAll('tr[data-live-id]');
    for (var i = 0; i < rows.length; i++) known[rows[i].getAttribute('data-live-id')] = rows[i].getAttribute('data-live-state');

    return watch(region, url, function apply(answer) {
      var news = [];
      while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
      answer.items.forEach(function (item) {
        var row = render(item);
        row.setAttribute('data-live-state', item.status);
        tbody.appendChild(row);
        if (known[item.id] !== item.status && item.status !== 'PENDING') {
          news.push('« ' + label(kind, item) + ' » : ' + (item.status === 'READY' ? 'disponible' : 'échec de la production') + '.');
        }
        known[item.id] = item.status;
      });
      if (answer.final) message.textContent = news.length ? news.join(' ') : 'Tous les documents sont à jour.';
      else if (news.length) message.textContent = news.join(' ');
      return answer.final;
    });
  }

  /** Applies an answer to a one-outcome region; true once the latest version is final (polling stops). */
  function outcomeOf(region, kind, message) {
    var target = region.querySelector('[data-live-outcome]');
    return function (answer) {
      var item = latest(answer.items);
      if (!target || !item || item.status === 'PENDING') return false;
      var outcome = OUTCOMES[kind](item, region);
      while (target.firstChild) target.removeChild(target.firstChild);
      outcome.nodes.forEach(function (node) {
        target.appendChild(node);
      });
      message.textContent = outcome.said;
      return true;
    };
  }

  /** Polls `url`, slower each time, until `apply` says the region is final (or after MAX_POLLS). */
  function watch(region, url, apply) {
    var delay = FIRST_DELAY_MS;
    var polls = 0;

    function poll() {
      polls += 1;
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (res) {
          if (!res.ok) throw new Error(String(res.status));
          return res.json();
        })
        .then(function (answer) {
          var done = apply(answer);
          if (!done && polls < MAX_POLLS) next();
          else region.setAttribute('data-live-done', 'true');
        })
        .catch(function () {
          // A network hiccup: try again, more slowly; the link to reload the page stays.
          if (polls < MAX_POLLS) next();
        });
    }

    function next() {
      setTimeout(poll, delay);
      delay = Math.min(Math.round(delay * 1.5), MAX_DELAY_MS);
    }

    next();
  }

  var regions = document.querySelectorAll('[data-live-status]');
  for (var i = 0; i < regions.length; i++) setup(regions[i]);
})();
