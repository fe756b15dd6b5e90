// What is past and what is next, on the reader's day rather than the build's: the home
// page's next deadline, picked from the schedule the build embedded, and the cycle chart's
// passed deadlines and "today" mark. Without JavaScript the build's own values stay.
(() => {
  const now = new Date();
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  // ISO dates (2022-03-29) parse as midnight UTC, like `today`.
  const day = iso => Date.parse(iso);

  const box = document.querySelector('.highlights .deadline');
  const data = document.getElementById('deadline-schedule');
  const schedule = data ? JSON.parse(data.textContent) : [];
  const d = schedule.find(x => day(x.date) >= today) || schedule[schedule.length - 1];
  if (box && d) {
    const past = day(d.date) < today;
    const days = Math.round(Math.abs(day(d.date) - today) / 864e5);
    const s = days === 1 ? '' : 's';
    box.classList.toggle('past', past);
    box.querySelector('.eyebrow').textContent = past ? 'Last deadline, now past' : 'Next deadline';
    box.querySelector('.deadline-name').textContent = d.name;
    const time = box.querySelector('time');
    time.dateTime = d.date;
    time.textContent = d.date_long;
    box.querySelector('.relative').textContent =
      days === 0 ? 'today' : past ? `${days} day${s} ago` : `in ${days} day${s}`;
    const link = (path, text) => {
      const a = document.createElement('a');
      // Paths in the schedule are canonical already (`/2022/20220209#code-freeze`).
      a.href = box.dataset.base + path.replace(/^\//, '');
      a.textContent = text;
      return a;
    };
    box.querySelector('.deadline-source').replaceChildren(
      ...(d.release_page ? [link(`/releases/${d.release}/`, `Kubernetes ${d.release}`), ' · ']
        : d.release ? [`Kubernetes ${d.release} · `] : []),
      ...(d.announced ? ['announced ', link(d.announced, d.announced_on)]
        : [past ? 'from the official schedule; no edition announced it' : 'from the official schedule, not announced yet']));
  }

  const chart = document.querySelector('.deadline-chart');
  if (!chart) return;
  // Each row's dot sits at its date's place on the axis: two of them give the scale.
  const rows = [...chart.querySelectorAll('li.chart-row')].map(li => ({
    li,
    date: day(li.querySelector('time').dateTime),
    at: parseFloat(li.querySelector('.dot').style.left),
  }));
  // A week is past once its last day is.
  rows.forEach(r => r.li.classList.toggle('past', (r.li.dataset.last ? day(r.li.dataset.last) : r.date) < today));
  const [first, last] = [rows[0], rows[rows.length - 1]];
  const tick = chart.querySelector('.tick.today');
  const at = first && last.date > first.date
    ? first.at + (today - first.date) * (last.at - first.at) / (last.date - first.date) : -1;
  if (at < 0 || at > 100) {
    chart.removeAttribute('style');
    tick?.remove();
    return;
  }
  const place = `${Math.round(at * 10) / 10}%`;
  chart.style.setProperty('--today', place);
  const mark = tick || Object.assign(document.createElement('span'), { className: 'tick today', textContent: 'today' });
  mark.style.left = place;
  chart.querySelector('.chart-axis .track').append(mark);
})();
