import { useTranslation } from 'react-i18next';
import { logger } from './logger';
import { languages, setLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          title={t(`language.${language}`)}
          aria-pressed={i18n.resolvedLanguage === language}
          onClick={() => {
            setLanguage(language).catch((error: unknown) => logger.error('changement de langue impossible', error));
          }}
        >
          {language.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
