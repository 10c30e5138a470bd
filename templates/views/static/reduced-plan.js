/*
 * Essaim — rapport d'instruction : recalcul en direct des totaux du plan réduit proposé.
 * Mêmes règles entières que le serveur (docs/domain/cofinancing.md) : centimes (BigInt), forfait = floor(base × taux / 10 000),
 * CTE = coûts directs + forfait, FSE+ maximal = floor(CTE × taux / 10 000). Le serveur recalcule et contrôle tout à
 * l'enregistrement : ce script n'est qu'une aide à la saisie (la page fonctionne sans lui).
 */
(function () {
  'use strict';

  var form = document.getElementById('form-rapport');
  if (!form || typeof BigInt !== 'function') return;
  var rules = JSON.parse(form.getAttribute('data-plan-rules') || '{}');
  var EUROS = /^(-)?(\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:[,.](\d{1,2}))?$/;
  var NNBSP = '\u202f';
  var TEN_THOUSAND = BigInt(10000);
  var ZERO = BigInt(0);

  function parseCents(text) {
    var m = EUROS.exec(String(text).trim().replace(/\s*€$/, '').trim());
    if (!m) return null;
    var cents = BigInt(m[2].replace(/[ \u00a0\u202f.]/g, '')) * BigInt(100) + BigInt((m[3] || '0').padEnd(2, '0'));
    return m[1] ? -cents : cents;
  }

  function rateFloor(amount, rateBp) {
    var product = amount * BigInt(rateBp);
    var q = product / TEN_THOUSAND;
    return product < ZERO && q * TEN_THOUSAND !== product ? q - BigInt(1) : q;
  }

  function format(cents) {
    var negative = cents < ZERO;
    var abs = negative ? -cents : cents;
    var euros = (abs / BigInt(100)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
    return (negative ? '-' : '') + euros + ',' + (abs % BigInt(100)).toString().padStart(2, '0') + NNBSP + '€';
  }

  function amount(input) {
    var raw = input.value.trim();
    var cents = raw === '' ? ZERO : parseCents(raw);
    input.setAttribute('aria-invalid', cents === null ? 'true' : 'false');
    return cents === null ? ZERO : cents;
  }

  function show(id, cents) {
    var el = document.getElementById(id);
    if (el) el.textContent = format(cents);
  }

  function recompute() {
    var direct = ZERO;
    var base = ZERO;
    var lines = form.querySelectorAll('input[data-line-category]');
    for (var i = 0; i < lines.length; i++) {
      var cents = amount(lines[i]);
      direct += cents;
      if ((rules.bases || []).indexOf(lines[i].getAttribute('data-line-category')) >= 0) base += cents;
    }
    var esf = ZERO;
    var total = ZERO;
    var rows = form.querySelectorAll('tr[data-resource-row]');
    for (var j = 0; j < rows.length; j++) {
      var type = rows[j].querySelector('select').value;
      var value = amount(rows[j].querySelector('input[data-amount]'));
      if (!type) continue;
      total += value;
      if (type === 'ESF_PLUS') esf += value;
    }
    var cte = direct + rateFloor(base, rules.flatRateBp || 0);
    show('calc-direct', direct);
    show('calc-flat', cte - direct);
    show('calc-cte', cte);
    show('calc-max-esf', rateFloor(cte, rules.rateBp || 0));
    show('calc-esf', esf);
    show('calc-balance', cte - total);
  }

  form.addEventListener('input', recompute);
  form.addEventListener('change', recompute);
  recompute();
})();
