/*
 * Essaim — plan de financement : recalcul en direct des totaux et ajout de lignes.
 * Mêmes règles que le serveur (docs/domain/cofinancing.md) : montants en centimes entiers (BigInt), taux en points de base,
 * forfait = floor(base × taux / 10 000), CTE = coûts directs + forfait, FSE+ maximal = floor(CTE × taux de l'appel / 10 000).
 * Le serveur recalcule tout à l'enregistrement : ce script n'est qu'une aide à la saisie (la page fonctionne sans lui).
 */
(function () {
  'use strict';

  var form = document.getElementById('plan-form');
  if (!form || typeof BigInt !== 'function') return;
  var rules = JSON.parse(form.getAttribute('data-plan-rules') || '{}');
  var EUROS = /^(-)?(\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:[,.](\d{1,2}))?$/;
  var NNBSP = '\u202f';
  var TEN_THOUSAND = BigInt(10000);
  var ZERO = BigInt(0);

  /** « 12 000,50 » → 1200050n ; null si ce n'est pas un montant (même règle que parseEurosToCents). */
  function parseCents(text) {
    var cleaned = String(text).trim().replace(/\s*€$/, '').trim();
    var m = EUROS.exec(cleaned);
    if (!m) return null;
    var whole = m[2].replace(/[ \u00a0\u202f.]/g, '');
    var cents = BigInt(whole) * BigInt(100) + BigInt((m[3] || '0').padEnd(2, '0'));
    return m[1] ? -cents : cents;
  }

  /** floor(amount × rate / 10 000), exact (applyRateFloor). */
  function rateFloor(amount, rateBp) {
    var product = amount * BigInt(rateBp);
    var q = product / TEN_THOUSAND;
    return product < ZERO && q * TEN_THOUSAND !== product ? q - BigInt(1) : q;
  }

  function format(cents) {
    var negative = cents < ZERO;
    var abs = negative ? -cents : cents;
    var euros = (abs / BigInt(100)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
    var rest = (abs % BigInt(100)).toString().padStart(2, '0');
    return (negative ? '-' : '') + euros + ',' + rest + NNBSP + '€';
  }

  function rowsOf(kind) {
    var out = [];
    var rows = form.querySelectorAll('#plan-' + kind + ' tr[data-plan-row]');
    for (var i = 0; i < rows.length; i++) {
      var select = rows[i].querySelector('select');
      var input = rows[i].querySelector('input[data-amount]');
      var raw = input ? input.value.trim() : '';
      var cents = raw === '' ? ZERO : parseCents(raw);
      if (input) input.setAttribute('aria-invalid', cents === null ? 'true' : 'false');
      if (!select || !select.value || cents === null) continue;
      out.push({ key: select.value, cents: cents });
    }
    return out;
  }

  function sum(items, filter) {
    return items.reduce(function (acc, item) {
      return filter && !filter(item) ? acc : acc + item.cents;
    }, ZERO);
  }

  function show(id, cents) {
    var el = document.getElementById(id);
    if (el) el.textContent = format(cents);
  }

  function recompute() {
    var optionField = document.getElementById('costOption');
    var option = optionField ? optionField.value : '';
    var lines = rowsOf('lines');
    var resources = rowsOf('resources');
    var baseCategories = (rules.bases && rules.bases[option]) || [];
    var rate = (rules.rates && rules.rates[option]) || 0;
    var direct = sum(lines);
    var base = sum(lines, function (l) {
      return baseCategories.indexOf(l.key) >= 0;
    });
    var flat = rateFloor(base, rate);
    var cte = direct + flat;
    var total = sum(resources);
    show('calc-direct', direct);
    show('calc-flat', flat);
    show('calc-cte', cte);
    show('calc-max-esf', rateFloor(cte, rules.maxRateBp || 0));
    show('calc-resources', total);
    show('calc-balance', cte - total);
  }

  function addRow(button) {
    var tbody = document.getElementById(button.getAttribute('data-add-row'));
    var template = document.getElementById(button.getAttribute('data-add-row') + '-template');
    if (!tbody || !template) return;
    var index = Number(tbody.getAttribute('data-next-index') || '0');
    tbody.insertAdjacentHTML('beforeend', template.innerHTML.replace(/__INDEX__/g, String(index)));
    tbody.setAttribute('data-next-index', String(index + 1));
    var added = tbody.lastElementChild && tbody.lastElementChild.querySelector('select');
    if (added) added.focus();
  }

  var buttons = form.querySelectorAll('button[data-add-row]');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener('click', function (event) {
      addRow(event.currentTarget);
    });
  }
  form.addEventListener('input', recompute);
  form.addEventListener('change', recompute);
  recompute();
})();
