/** The report page's own styles and script, inlined: the report makes no network request. */

export const PAGE_STYLES = `
:root{color-scheme:light;--ink:#111827;--muted:#6b7280;--line:#e5e7eb}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);background:#f3f4f6}
header.page{padding:16px 24px;background:#111827;color:#f9fafb;display:flex;gap:24px;align-items:center;flex-wrap:wrap}
header.page h1{font-size:18px;margin:0}
header.page .summary{color:#d1d5db}
header.page label{margin-left:auto}
main{padding:16px 24px;display:grid;gap:24px}
section.email{background:#fff;border:1px solid var(--line);border-radius:10px;padding:16px;display:grid;gap:16px}
section.email[hidden]{display:none}
section.template-whole{background:#fff;border:1px dashed var(--muted);border-radius:10px;padding:16px;display:grid;gap:8px}
section.template-whole h2{font-size:15px;margin:0}
section.template-whole p{margin:0;color:var(--muted)}
ul.coverage{margin:0;padding-left:18px;color:var(--muted)}
small.scope{color:var(--muted)}
.email-head{display:flex;gap:16px;align-items:flex-start;flex-wrap:wrap}
.email-head h2{font-size:15px;margin:0 0 4px}
.email-head .meta{color:var(--muted);font-size:12px}
.inbox{flex:1;min-width:280px;border:1px solid var(--line);border-radius:8px;padding:10px 12px;background:#f9fafb}
.inbox .from{font-weight:600}
.inbox .subject{font-weight:600}
.inbox .preheader{color:var(--muted)}
.gauge{width:190px;text-align:center}
.gauge .value{font-size:26px;font-weight:700}
.gauge .band{text-transform:uppercase;letter-spacing:.06em;font-size:12px;font-weight:700}
.body{display:grid;grid-template-columns:minmax(0,1fr) 300px;gap:16px}
@media (max-width:900px){.body{grid-template-columns:1fr}}
iframe.preview{width:100%;height:560px;border:1px solid var(--line);border-radius:8px;background:#fff}
aside h3,.findings h3{font-size:13px;margin:0 0 6px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
aside ul{list-style:none;margin:0;padding:0;display:grid;gap:6px}
aside li{border-left:4px solid var(--line);padding:4px 8px;background:#f9fafb;border-radius:4px}
aside li.sev-error{border-color:var(--error)}aside li.sev-warning{border-color:var(--warning)}aside li.sev-info{border-color:var(--info)}aside li.sev-ok{border-color:var(--ok)}
aside .value{font-family:ui-monospace,monospace;word-break:break-all}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th button{all:unset;cursor:pointer;font-weight:600}
th button:focus{outline:2px solid var(--ink)}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
.sev{font-weight:700}.sev-error .sev{color:var(--error)}.sev-warning .sev{color:var(--warning)}.sev-info .sev{color:var(--info)}
code{font-family:ui-monospace,monospace;font-size:12px}
`;

export const PAGE_SCRIPT = `
(function () {
  var select = document.getElementById('profile-switch');
  if (select) {
    var show = function () {
      document.querySelectorAll('section.email').forEach(function (section) {
        section.hidden = select.value !== '' && section.getAttribute('data-profile') !== select.value;
      });
    };
    select.addEventListener('change', show);
    show();
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.querySelectorAll('th[data-sort] button').forEach(function (button) {
      button.addEventListener('click', function () {
        var th = button.parentElement;
        var index = Array.prototype.indexOf.call(th.parentElement.children, th);
        var descending = th.getAttribute('aria-sort') !== 'descending';
        table.querySelectorAll('th').forEach(function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = Number(a.cells[index].getAttribute('data-value'));
          var y = Number(b.cells[index].getAttribute('data-value'));
          return descending ? y - x : x - y;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
`;
