import {
  CampaignExemptionInput,
  CampaignPromoteInput,
} from '@reliability-kit/backstage-plugin-reliability-common';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useFormFields } from '../../hooks';
import { FormDialog } from '../ReadinessDialogs/FormDialog';

interface DialogProps<TInput> {
  onSubmit: (input: TInput) => Promise<void>;
  onClose: () => void;
}

const required = <T extends Record<string, string>>(
  values: T,
  messages: Partial<Record<keyof T, string>>,
) => {
  const errors: Partial<Record<keyof T, string>> = {};
  for (const name of Object.keys(messages) as Array<keyof T>) {
    if (!values[name].trim()) {
      errors[name] = messages[name];
    }
  }
  return errors;
};

/** Promotes an ended campaign's target into a tier's checklist or a scorecard. */
export function PromoteCampaignDialog(
  props: DialogProps<CampaignPromoteInput>,
) {
  const { field, values, validate } = useFormFields({
    kind: 'readiness',
    id: '',
    level: '',
  });
  const submit = async () => {
    const input = validate(v => {
      const errors = required(v, { id: 'Name the tier or the scorecard' });
      if (v.kind === 'scorecard' && !v.level.trim()) {
        errors.level = 'The level the checks join';
      }
      return Object.keys(errors).length
        ? { errors }
        : {
            errors,
            input: {
              kind: v.kind as CampaignPromoteInput['kind'],
              id: v.id.trim(),
              ...(v.kind === 'scorecard' ? { level: v.level.trim() } : {}),
            },
          };
    });
    if (input) {
      await props.onSubmit(input);
    }
  };
  return (
    <FormDialog
      id="campaign-promote-dialog"
      open
      title="Promote the campaign"
      subject="Its readiness items join a tier's checklist, or its checks a scorecard, for every entity from now on."
      submitLabel="Promote"
      onSubmit={submit}
      onClose={props.onClose}
    >
      <TextField
        id="campaign-promote-kind"
        label="Into"
        select
        {...field('kind')}
      >
        <MenuItem value="readiness">A tier's readiness checklist</MenuItem>
        <MenuItem value="scorecard">A scorecard</MenuItem>
      </TextField>
      <TextField
        id="campaign-promote-id"
        label={values.kind === 'readiness' ? 'Tier' : 'Scorecard'}
        {...field(
          'id',
          values.kind === 'readiness' ? 'e.g. tier-1' : 'e.g. golden-path',
        )}
        required
      />
      {values.kind === 'scorecard' && (
        <TextField
          id="campaign-promote-level"
          label="Level"
          {...field('level')}
          required
        />
      )}
    </FormDialog>
  );
}

/** Exempts an entity from a campaign, with a reason. */
export function ExemptFromCampaignDialog(
  props: DialogProps<CampaignExemptionInput>,
) {
  const { field, validate } = useFormFields({ entityRef: '', reason: '' });
  const submit = async () => {
    const input = validate(v => {
      const errors = required(v, {
        entityRef: 'e.g. component:default/legacy-billing',
        reason: 'Say why it is exempt',
      });
      return Object.keys(errors).length
        ? { errors }
        : {
            errors,
            input: { entityRef: v.entityRef.trim(), reason: v.reason.trim() },
          };
    });
    if (input) {
      await props.onSubmit(input);
    }
  };
  return (
    <FormDialog
      id="campaign-exempt-dialog"
      open
      title="Exempt an entity"
      submitLabel="Exempt"
      onSubmit={submit}
      onClose={props.onClose}
    >
      <TextField
        id="campaign-exempt-entity"
        label="Entity"
        {...field('entityRef')}
        required
      />
      <TextField
        id="campaign-exempt-reason"
        label="Reason"
        {...field('reason', 'Shown with the exemption')}
        required
        multiline
        minRows={2}
      />
    </FormDialog>
  );
}
