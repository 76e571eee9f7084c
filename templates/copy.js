// "Copy" buttons beside the embed codes of a chart. Optional: without this
// script the buttons stay hidden and the codes, in read-only text boxes,
// are selected and copied by hand.
(function () {
  'use strict';
  var buttons = document.querySelectorAll('button[data-copy]');
  Array.prototype.forEach.call(buttons, function (button) {
    var box = document.getElementById(button.getAttribute('data-copy'));
    if (!box) return;
    var label = button.textContent;
    function done() {
      button.textContent = button.getAttribute('data-done') || label;
      setTimeout(function () { button.textContent = label; }, 2000);
    }
    button.addEventListener('click', function () {
      box.focus();
      box.select();
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(box.value).then(done, function () {
          if (document.execCommand('copy')) done();
        });
      } else if (document.execCommand('copy')) {
        done();
      }
    });
    button.hidden = false;
  });
})();
