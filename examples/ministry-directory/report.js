// The office's report page. The report is an admin read: it needs the office's secret key (or, once
// the office signs its staff in, an administrator's token), never the publishable key the public
// pages use. This demo asks for the key and keeps it for this tab only (sessionStorage); a real
// office serves this page only behind its own staff login.
const report = document.querySelector('mahjar-impact-report');
const form = document.querySelector('#office-key');
const input = form.querySelector('input');
const STORAGE = 'mahjar-demo-office-key';

const show = (key) => {
  report.secretKey = key;
  form.hidden = !!key;
  document.querySelector('#forget').hidden = !key;
};

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const key = input.value.trim();
  if (!key) return;
  sessionStorage.setItem(STORAGE, key);
  input.value = '';
  show(key);
});
document.querySelector('#forget').addEventListener('click', () => {
  sessionStorage.removeItem(STORAGE);
  show('');
});
customElements.whenDefined('mahjar-impact-report').then(() => show(sessionStorage.getItem(STORAGE) ?? ''));
