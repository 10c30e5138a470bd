/*
 * Essaim — récapitulatif des erreurs d'un formulaire (macro errorSummary) : le focus y est placé dès l'affichage de la
 * page, pour que les lecteurs d'écran annoncent les erreurs ; suivre un de ses liens place le focus dans le champ
 * concerné (et non seulement le défilement), son libellé visible au-dessus.
 */
(function () {
  'use strict';

  var summary = document.querySelector('[data-error-summary]');
  if (!summary || summary.getAttribute('data-error-summary') === 'ready') return;
  summary.setAttribute('data-error-summary', 'ready');
  summary.focus();

  summary.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
    if (!link) return;
    var target = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
    if (!target) return;
    var field = /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName) ? target : target.querySelector('input, select, textarea');
    if (!field) return;
    event.preventDefault();
    var label = field.id ? document.querySelector('label[for="' + field.id + '"]') : null;
    var legend = field.closest ? field.closest('fieldset') : null;
    (legend || label || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
