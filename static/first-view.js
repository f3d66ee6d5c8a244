// Runs before the page is drawn (a classic script in <head>): the first
// view in index.html is the default café, so a link that asks for another
// one (any query: a preset, parameters, an embed) hides it until the app
// starts and draws that café instead (style/main.css, `.linked`).
if (location.search.length > 1) {
  document.documentElement.classList.add('linked');
}
