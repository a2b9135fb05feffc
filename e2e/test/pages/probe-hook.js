// Loaded into the page before the client (addInitScript): a hook that writes each of its
// callbacks to window.hookLog. Plain JS: the test runner's transform must not touch it.
window.hookLog = [];
const log = (line) => window.hookLog.push(line);
window.addEventListener('djust:ping', (e) => log(`window:${e.detail.n}`));
window.djust = {
  hooks: {
    Probe: {
      mounted() {
        log(`mounted:${this.el.id}`);
        this.handleEvent('ping', (p) => log(`ping:${p.n}`));
        this.pushEvent('hello', { from: this.el.id }).then(() => log('answered'));
      },
      beforeUpdate() {
        log(`beforeUpdate:${this.el.textContent}`);
      },
      updated() {
        log(`updated:${this.el.textContent}`);
      },
      destroyed() {
        log('destroyed');
      },
      disconnected() {
        log('disconnected');
      },
      reconnected() {
        log('reconnected');
      },
    },
  },
};
