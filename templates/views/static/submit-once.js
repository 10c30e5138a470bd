/*
 * Essaim — formulaires marqués data-submit-once : un seul envoi, même en cas de double clic.
 * Le serveur reste la garantie (clé d'idempotence pour le dépôt) ; ceci évite seulement des envois inutiles.
 */
(function () {
  'use strict';

  var forms = document.querySelectorAll('form[data-submit-once]');
  for (var i = 0; i < forms.length; i++) {
    forms[i].addEventListener('submit', function (event) {
      var form = event.currentTarget;
      if (form.getAttribute('data-submitted') === 'true') {
        event.preventDefault();
        return;
      }
      form.setAttribute('data-submitted', 'true');
      var buttons = form.querySelectorAll('button[type=submit]');
      setTimeout(function () {
        for (var j = 0; j < buttons.length; j++) buttons[j].setAttribute('aria-disabled', 'true');
      }, 0);
    });
  }
})();
