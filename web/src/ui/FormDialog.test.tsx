import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../i18n';
import { FormActions, FormDialog } from './FormDialog';
import type { SubmitState } from './use-document-form';

const idle: SubmitState = { submit: () => undefined, saving: false, saveError: null, invalid: false };
const noop = (): void => undefined;

describe('FormActions', () => {
  beforeAll(async () => {
    await initI18n();
    await setLanguage('en');
  });

  it('offers Cancel and Save', () => {
    expect(renderToStaticMarkup(<FormActions form={idle} onCancel={noop} />)).toBe(
      '<footer class="form-footer"><button type="button" class="button ghost">Cancel</button>' +
        '<button type="submit" class="button primary">Save</button></footer>',
    );
  });

  it('explains a failed save before remaining errors, and disables Save while saving', () => {
    const failed = renderToStaticMarkup(<FormActions form={{ ...idle, saveError: 'disk full', invalid: true }} onCancel={noop} />);
    expect(failed).toContain('role="alert"');
    expect(failed).toContain('disk full');
    expect(failed).not.toContain('Fix the');
    const invalid = renderToStaticMarkup(<FormActions form={{ ...idle, invalid: true }} onCancel={noop} />);
    expect(invalid).toMatch(/<span class="form-error" role="alert">[^<]+<\/span>/);
    const saving = renderToStaticMarkup(<FormActions form={{ ...idle, saving: true }} onCancel={noop} saveTestId="thing-save" />);
    expect(saving).toContain('<button type="submit" class="button primary" data-testid="thing-save" disabled="">Save</button>');
  });
});

describe('FormDialog', () => {
  it('puts the fields on the form grid, above the actions', () => {
    const html = renderToStaticMarkup(
      <FormDialog title="New thing" form={idle} onCancel={noop}>
        <input id="name" />
      </FormDialog>,
    );
    expect(html).toMatch(/^<dialog class="dialog dialog-wide" aria-labelledby="[^"]+"><header class="dialog-header"><h2 id="[^"]+">New thing<\/h2>/);
    expect(html).toContain('<form class="form" noValidate=""><div class="form-grid"><input id="name"/></div><footer class="form-footer">');
  });
});
