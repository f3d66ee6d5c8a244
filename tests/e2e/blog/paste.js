// Puts the HTML after paste.html's # into the post, as a blog's editor would
// when the author pastes a snippet into the page's source.
document.getElementById('pasted').innerHTML = decodeURIComponent(location.hash.slice(1));
