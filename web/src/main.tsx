import { render } from "preact";
import { App } from "./app/app";
import { SessionProvider } from "./app/session";
import { I18nProvider, initialLocale, loadMessages } from "./i18n/i18n";
import { AnnouncerProvider } from "./ui/announcer";
import "./styles/app.css";
import "./styles/print.css";

const locale = initialLocale();
const messages = await loadMessages(locale);
const root = document.getElementById("app");
if (root)
  render(
    <I18nProvider locale={locale} messages={messages}>
      <AnnouncerProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </AnnouncerProvider>
    </I18nProvider>,
    root,
  );
