/*
 * Essaim — enregistrement automatique des rubriques d'un dossier en brouillon (formulaires marqués data-autosave).
 * Pendant la saisie, le formulaire est envoyé tel quel (urlencoded, avec son jeton CSRF et sa version) à l'adresse
 * data-autosave, 1,5 s après la dernière frappe ; la réponse { version, savedAt } met à jour la version du formulaire
 * et la zone data-autosave-status (aria-live) : « Enregistré à 14h05 ». Sans JavaScript, les boutons « Enregistrer »
 * et « Rubrique suivante » enregistrent : rien n'est perdu non plus.
 */
(function () {
  'use strict';

  var DELAY_MS = 1500;

  function setup(form) {
    var url = form.getAttribute('data-autosave');
    var status = document.getElementById(form.getAttribute('data-autosave-status'));
    var timer = null;
    var inFlight = false;
    var dirty = false;
    var submitter = null;
    var waitingSubmit = false;
    var submitting = false;

    function say(text) {
      if (status) status.textContent = text;
    }

    function fields() {
      return new URLSearchParams(new FormData(form));
    }

    function save() {
      timer = null;
      if (inFlight) return;
      inFlight = true;
      dirty = false;
      fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: fields(),
      })
        .then(function (res) {
          return res.json().then(
            function (json) { return { ok: res.ok, status: res.status, json: json }; },
            function () { return { ok: false, status: res.status, json: {} }; }
          );
        })
        .then(function (r) {
          if (r.ok) {
            if (form.elements.version && r.json.version !== undefined) form.elements.version.value = String(r.json.version);
            say('Enregistré à ' + r.json.savedAt);
          } else if (r.status === 412 || r.status === 428) {
            say("Non enregistré : le dossier a été modifié ailleurs (autre onglet ou autre personne). Enregistrez pour voir les deux versions.");
          } else if (r.json && r.json.errors && r.json.errors.length) {
            var n = r.json.errors.length;
            say('Brouillon non enregistré : ' + (n === 1 ? 'un champ est à corriger' : n + ' champs sont à corriger') + ' (' + r.json.errors[0].message + ')');
          } else {
            say('Brouillon non enregistré' + (r.json && r.json.detail ? ' : ' + r.json.detail : '.'));
          }
        })
        .catch(function () {
          say('Brouillon non enregistré : connexion au serveur impossible. Vos saisies restent dans la page.');
        })
        .then(function () {
          inFlight = false;
          if (waitingSubmit) {
            waitingSubmit = false;
            if (form.requestSubmit) form.requestSubmit(submitter || undefined);
            else form.submit();
          } else if (dirty) {
            schedule();
          }
        });
    }

    function schedule() {
      dirty = true;
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, DELAY_MS);
    }

    form.addEventListener('input', schedule);
    form.addEventListener('change', schedule);
    form.addEventListener('submit', function (event) {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      // An autosave under way holds the version the form must send: submit once it has answered.
      if (inFlight) {
        event.preventDefault();
        submitter = event.submitter || null;
        waitingSubmit = true;
        return;
      }
      submitting = true;
    });
    // Leaving by a link (side menu, breadcrumb) with keystrokes not yet sent: one last save on the way out.
    window.addEventListener('pagehide', function () {
      if (dirty && !submitting && !inFlight && navigator.sendBeacon) navigator.sendBeacon(url, fields());
    });
  }

  var forms = document.querySelectorAll('form[data-autosave]');
  for (var i = 0; i < forms.length; i++) setup(forms[i]);
})();
