// Search results quote the pages' text, so a formula arrives there as its TeX source, \( … \).
// Once results are in, typeset them with the site's MathJax (loaded on this page by site/conf.py).
document.addEventListener("DOMContentLoaded", () => {
  const results = document.getElementById("search-results");
  if (!results) return;
  let pending = null;
  new MutationObserver(() => {
    clearTimeout(pending);
    pending = setTimeout(() => {
      if (window.MathJax && MathJax.Hub) MathJax.Hub.Queue(["Typeset", MathJax.Hub, results]);
    }, 100);
  }).observe(results, { childList: true, subtree: true });
});
