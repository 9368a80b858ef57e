// Stops Wagtail's autosave once the page editor's form is being submitted.
// Wagtail checks the form's data every half second and autosaves what changed. The
// review buttons change it by adding hidden inputs (action-workflow-action,
// workflow-action-name) just before submitting, so while the submission was on its way
// the autosave posted the same approval again and approved the next review step.
(function () {
  'use strict';

  function pause(form) {
    form.setAttribute('data-w-autosave-active-value', 'false');
  }

  function setUp(form) {
    // The form's own submit event (buttons) ...
    form.addEventListener('submit', function () {
      pause(form);
    });
    // ... and the workflow inputs themselves: after the comment dialog, workflow-action.js
    // submits through jQuery, which raises no submit event.
    new MutationObserver(function () {
      if (form.querySelector('input[name="action-workflow-action"]')) pause(form);
    }).observe(form, { childList: true });
  }

  function init() {
    document.querySelectorAll('form[data-edit-form][data-w-autosave-interval-value]').forEach(setUp);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
