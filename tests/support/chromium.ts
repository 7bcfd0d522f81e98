import { type BrowserContext, chromium } from "playwright-core";

/** Debian's Chromium, which the browser tests drive (installed by .ci/run when missing; never downloaded by a test tool). */
export const CHROMIUM = "/usr/bin/chromium";

/** A headless Chromium with its profile in `userDataDir`, quiet (no background networking, updates or sync), at `width` × 900. */
export function launchChromium(userDataDir: string, width: number): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width, height: 900 },
  });
}
