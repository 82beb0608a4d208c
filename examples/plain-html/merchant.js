// The merchant's page script: listens to the widget's DOM events. No inline script, so the page
// can run under a strict Content-Security-Policy.
const outcome = document.getElementById('outcome');
const restart = document.getElementById('restart');

function show(text) {
  outcome.textContent = text;
  outcome.hidden = false;
}

function listen(widget) {
  widget.addEventListener('markid-step-change', (event) => {
    console.debug('verification step', event.detail);
  });
  widget.addEventListener('markid-complete', (event) => {
    // Tell your backend; it learns the result from the vendor's callback for this scanRef.
    show(`Thank you. Your documents were sent (reference ${event.detail.scanRef}).`);
  });
  widget.addEventListener('markid-error', (event) => {
    console.warn('verification error', event.detail.code);
  });
  widget.addEventListener('markid-exit', (event) => {
    widget.remove();
    if (event.detail.reason === 'CLOSED') {
      show('You can verify your identity later; your application is saved.');
      restart.hidden = false;
    }
  });
}

listen(document.getElementById('verification'));

// The same widget from script: MarkIdOnboarding.mount(element, options) returns unmount().
restart.addEventListener('click', async () => {
  await customElements.whenDefined('markid-onboarding');
  restart.hidden = true;
  outcome.hidden = true;
  const host = document.createElement('div');
  restart.parentElement.before(host);
  const unmount = window.MarkIdOnboarding.mount(host, {
    sessionUrl: '/api/session',
    submitUrl: '/api/submit',
    onComplete: ({ scanRef }) => show(`Thank you. Your documents were sent (reference ${scanRef}).`),
    onExit: () => {
      unmount();
      host.remove();
      restart.hidden = false;
    },
  });
});
