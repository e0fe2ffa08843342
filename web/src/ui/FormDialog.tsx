import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';
import type { SubmitState } from './use-document-form';

interface FormActionsProps {
  form: SubmitState;
  onCancel: () => void;
  /** `data-testid` of the save button. */
  saveTestId?: string | undefined;
}

/** A form's footer: why the last save failed (or that errors remain), Cancel and Save. */
export function FormActions({ form, onCancel, saveTestId }: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <footer className="form-footer">
      {form.saveError ? (
        <span className="form-error" role="alert">
          {t('common.saveFailed', { message: form.saveError })}
        </span>
      ) : form.invalid ? (
        <span className="form-error" role="alert">
          {t('common.fixErrors')}
        </span>
      ) : null}
      <button type="button" className="button ghost" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="submit" className="button primary" data-testid={saveTestId} disabled={form.saving}>
        {t('common.save')}
      </button>
    </footer>
  );
}

interface FormDialogProps extends FormActionsProps {
  title: string;
  /** The fields, laid out on the form's 4-column grid. */
  children: ReactNode;
  /** Shown as a side panel instead of a centred modal. */
  side?: boolean | undefined;
}

/** A document form in a wide modal: its fields, then `FormActions`. */
export function FormDialog({ title, form, onCancel, saveTestId, children, side = false }: FormDialogProps) {
  return (
    <Dialog title={title} onClose={onCancel} wide side={side}>
      <form className="form" noValidate onSubmit={form.submit}>
        <div className="form-grid">{children}</div>
        <FormActions form={form} onCancel={onCancel} saveTestId={saveTestId} />
      </form>
    </Dialog>
  );
}
