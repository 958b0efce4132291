// allauth reports a failed passkey ceremony as an `allauth.error` event and,
// unless someone handles it, only on the console. Say it on the page instead,
// in the words the template put on #webauthn-error (in the reader's language).
(function () {
  document.addEventListener('allauth.error', function (event) {
    const tags = (event.detail && event.detail.tags) || []
    const box = document.getElementById('webauthn-error')
    if (!box || tags.indexOf('webauthn') === -1) return
    event.preventDefault()
    const exception = event.detail.exception
    const name = exception && exception.name
    box.textContent = name === 'NotAllowedError' || name === 'AbortError'
      ? box.dataset.notAllowed
      : box.dataset.failed
    box.hidden = false
  })
})()
