/** Where Debian's Chromium is (KAOHE_CHROMIUM overrides it). */
export const CHROMIUM = process.env.KAOHE_CHROMIUM ?? "/usr/bin/chromium";
