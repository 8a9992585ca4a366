// machina's forum pages start its scripts here rather than in machina's inline script, which
// the Content-Security-Policy refuses. The "add another" buttons of the poll and attachment
// forms are bound on the pages that have them; elsewhere these calls find nothing to bind.
$(() => {
  machina.init();
  machina.poll.init();
  machina.attachment.init();
});
