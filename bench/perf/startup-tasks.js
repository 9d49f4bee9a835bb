// The main-thread tasks of a cold page load, as Lighthouse's mobile run sees
// them: CPU slowed down 4x, the site served gzip-compressed. Prints every task
// over 10 ms with the trace events that make it up, so a long task (one that
// counts towards total blocking time, over 50 ms) can be traced to its cause.
//
//   node bench/perf/startup-tasks.js [DIST] [ROUTE...]     (default: dist /)
//   node bench/perf/startup-tasks.js dist / /blog/kachestvo-obsluzhivaniya/
const path = require('node:path');
const { withSite, run } = require('../site');

const [dir = 'dist', ...routes] = process.argv.slice(2);
const CATEGORIES = 'devtools.timeline,v8,v8.wasm,disabled-by-default-devtools.timeline,loading';

async function tasks(browser, url) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const done = new Promise((resolve) => cdp.on('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await page.goto(url);
  await page.waitForTimeout(3000);
  await cdp.send('Tracing.end');
  await done;
  await context.close();
  const main = events.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ts > 0);
  const t0 = Math.min(...onMain.map((e) => e.ts));
  const out = [];
  for (const task of onMain.filter((e) => e.name === 'RunTask' && e.dur > 10_000)) {
    const parts = {};
    for (const e of onMain) {
      if (e !== task && e.dur && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur) parts[e.name] = (parts[e.name] || 0) + e.dur;
    }
    const top = Object.entries(parts).sort((a, b) => b[1] - a[1]).slice(0, 6);
    out.push(`  @${((task.ts - t0) / 1000).toFixed(0).padStart(5)} ms  ${(task.dur / 1000).toFixed(1).padStart(6)} ms${task.dur > 50_000 ? ' LONG' : '     '}  `
      + top.map(([name, us]) => `${name} ${(us / 1000).toFixed(1)}`).join(', '));
  }
  return out;
}

run(async () => {
  await withSite(path.resolve(dir), 8093, async (browser, origin) => {
    for (const route of routes.length ? routes : ['/']) {
      console.log(`${route} (4x CPU slowdown; nested events overlap)`);
      for (const line of await tasks(browser, origin + route)) console.log(line);
    }
  }, { gzip: true });
});
