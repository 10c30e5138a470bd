/*
 * Essaim — formulaires à branches (décision de recevabilité, décision du comité) : seuls les champs de la branche
 * choisie restent affichés. Amélioration progressive : sans script, tous les champs sont visibles avec leur
 * intitulé « (si …) » et le serveur ignore ceux des autres branches.
 *
 * Balisage attendu : des boutons radio portant `aria-controls="<id du panneau>"` (un panneau par branche, ou aucun) ;
 * chaque panneau porte `data-branch-panel`. Le panneau d'une branche non choisie reçoit l'attribut `hidden`
 * (retiré aussi de l'arbre d'accessibilité) et ses champs sont désactivés, pour ne pas être envoyés.
 */
(function () {
  'use strict';

  function panelsOf(radio) {
    return (radio.getAttribute('aria-controls') || '').split(/\s+/).filter(Boolean).map(function (id) {
      return document.getElementById(id);
    }).filter(Boolean);
  }

  function setPanel(panel, visible) {
    panel.hidden = !visible;
    var fields = panel.querySelectorAll('input, select, textarea');
    for (var i = 0; i < fields.length; i++) fields[i].disabled = !visible;
  }

  function update(group) {
    var radios = group.querySelectorAll('input[type="radio"][aria-controls]');
    var shown = [];
    var all = [];
    for (var i = 0; i < radios.length; i++) {
      var panels = panelsOf(radios[i]);
      for (var j = 0; j < panels.length; j++) {
        all.push(panels[j]);
        if (radios[i].checked) shown.push(panels[j]);
      }
    }
    for (var k = 0; k < all.length; k++) setPanel(all[k], shown.indexOf(all[k]) !== -1);
  }

  var groups = document.querySelectorAll('[data-branches]');
  for (var g = 0; g < groups.length; g++) {
    (function (group) {
      group.addEventListener('change', function () {
        update(group);
      });
      update(group);
    })(groups[g]);
  }
})();
