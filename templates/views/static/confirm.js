/*
 * Essaim — confirmations par fenêtre modale DSFR (macro macros/confirm.njk). Avec JavaScript, le bloc <details> de
 * secours est masqué et le bouton qui ouvre la modale affiché ; le DSFR gère l'ouverture, le piège du focus et la
 * fermeture (Échap, « Annuler »). Le script peut être inclus plusieurs fois : chaque bloc n'est préparé qu'une fois.
 */
(function () {
  'use strict';

  var blocks = document.querySelectorAll('[data-confirm]:not([data-confirm-ready])');
  for (var i = 0; i < blocks.length; i++) {
    var block = blocks[i];
    block.setAttribute('data-confirm-ready', 'true');
    var fallback = block.querySelector('[data-confirm-fallback]');
    var opener = block.querySelector('[data-confirm-opener]');
    if (!fallback || !opener) continue;
    fallback.hidden = true;
    opener.hidden = false;
  }
})();
