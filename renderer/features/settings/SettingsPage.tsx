// Settings for this laptop: how GrantPanel looks, which device and person it is, and its version.
import { useState } from 'react';
import { applyTheme, savedTheme, type ThemeChoice } from '../../app/theme';
import { useSession } from '../../app/queries';
import { Page } from '../../components/Page';
import { OwnPassphrase } from './OwnPassphrase';

/** Kept in step with package.json's version. */
export const APP_VERSION = __APP_VERSION__;

const THEMES: { value: ThemeChoice; label: string; hint: string }[] = [
  { value: 'system', label: 'Follow my computer', hint: 'Light or dark, as your operating system is set' },
  { value: 'light', label: 'Light', hint: 'Dark text on a light background' },
  { value: 'dark', label: 'Dark', hint: 'Light text on a dark background, easier in a dim hall' },
];

export function SettingsPage() {
  const session = useSession();
  const [theme, setTheme] = useState<ThemeChoice>(savedTheme);

  const choose = (choice: ThemeChoice) => {
    setTheme(choice);
    applyTheme(choice);
  };

  return (
    <Page title="Settings" lede="How GrantPanel looks on this laptop, and which device and person it is.">
      <section aria-labelledby="appearance-title">
        <h2 id="appearance-title">Appearance</h2>
        <fieldset className="field radios" aria-describedby="theme-hint">
          <legend>Theme</legend>
          <span className="hint" id="theme-hint">
            Applies straight away and is remembered on this laptop.
          </span>
          {THEMES.map((t) => (
            <div className="radio-option" key={t.value}>
              <input
                type="radio"
                name="theme"
                id={`theme-${t.value}`}
                value={t.value}
                aria-describedby={`theme-${t.value}-hint`}
                checked={theme === t.value}
                onChange={() => choose(t.value)}
              />
              <label htmlFor={`theme-${t.value}`}>{t.label}</label>
              <span className="hint" id={`theme-${t.value}-hint`}>
                {t.hint}
              </span>
            </div>
          ))}
        </fieldset>
      </section>

      <section aria-labelledby="device-title">
        <h2 id="device-title">This device</h2>
        {session ? (
          <dl className="summary-list">
            <dt>Person signed in</dt>
            <dd>{session.person?.name}</dd>
            <dt>Device id</dt>
            <dd>
              <code>{session.device.id}</code>
            </dd>
            <dt>Key fingerprint</dt>
            <dd>
              <code className="fingerprint">{session.device.fingerprint}</code>
              <span className="hint">
                Other laptops check bundles from this one against this fingerprint. Read it out to compare when you pair laptops.
              </span>
            </dd>
            <dt>Data</dt>
            <dd>{session.readOnly ? <>Read-only: {session.readOnly}</> : 'You can make changes on this laptop'}</dd>
          </dl>
        ) : (
          <p role="status">Loading this device’s details…</p>
        )}
      </section>

      {session?.person ? <OwnPassphrase /> : null}

      <section aria-labelledby="about-title">
        <h2 id="about-title">About</h2>
        <p>GrantPanel {APP_VERSION}</p>
        <p className="hint">Grants commissioning for the Office of the West Midlands Police and Crime Commissioner.</p>
      </section>
    </Page>
  );
}
