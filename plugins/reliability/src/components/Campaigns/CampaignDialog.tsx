import {
  Campaign,
  CampaignInput,
} from '@reliability-kit/backstage-plugin-reliability-common';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useFormFields } from '../../hooks';
import { FormDialog } from '../ReadinessDialogs/FormDialog';
import {
  AUDIENCE_FIELDS,
  CampaignFormValues,
  toCampaignFormValues,
  validateCampaignForm,
} from './campaignForm';

const AUDIENCE_LABELS: Record<(typeof AUDIENCE_FIELDS)[number], string> = {
  tiers: 'Tiers',
  owners: 'Owners',
  systems: 'Systems',
  kinds: 'Kinds',
  lifecycles: 'Lifecycles',
  tags: 'Tags',
};

/** Props of {@link CampaignDialog}. */
export interface CampaignDialogProps {
  /** The campaign to edit; a new one when not set. */
  campaign?: Campaign;
  /** Sends the campaign; a rejection (e.g. the backend's 400) is shown. */
  onSubmit: (input: CampaignInput) => Promise<void>;
  onClose: () => void;
}

/**
 * The form to create or edit a campaign: title, Markdown description and
 * how-to-fix, owner, target, audience, dates and time zone, reminders and
 * whether it is published.
 */
export function CampaignDialog(props: CampaignDialogProps) {
  const creating = !props.campaign;
  const { field, values, validate } = useFormFields<CampaignFormValues>(() =>
    toCampaignFormValues(props.campaign),
  );
  const text = (
    name: keyof CampaignFormValues,
    label: string,
    help?: string,
    extra: object = {},
  ) => (
    <TextField
      id={`campaign-${name}`}
      label={label}
      {...field(name, help)}
      fullWidth
      {...extra}
    />
  );
  const date = { type: 'date', InputLabelProps: { shrink: true } };

  const submit = async () => {
    const input = validate(v => validateCampaignForm(v, { creating }));
    if (input) {
      await props.onSubmit(input);
    }
  };

  return (
    <FormDialog
      id="campaign-dialog"
      open
      title={creating ? 'New campaign' : `Edit ${props.campaign!.title}`}
      submitLabel={creating ? 'Create' : 'Save'}
      onSubmit={submit}
      onClose={props.onClose}
    >
      {creating &&
        text('id', 'Id', 'Lowercase letters, digits and dashes', {
          required: true,
        })}
      {text('title', 'Title', undefined, { required: true })}
      {text('description', 'Description', 'What and why, in Markdown', {
        required: true,
        multiline: true,
        minRows: 3,
      })}
      {text('howToFix', 'How to fix', 'Markdown, shown to the owners', {
        multiline: true,
        minRows: 2,
      })}
      {text('owner', 'Owner', 'The owning group, e.g. group:default/sre', {
        required: true,
      })}
      <Typography variant="subtitle2">Target (at least one)</Typography>
      {text('readinessItems', 'Readiness items', 'Item ids, comma-separated')}
      {text(
        'scorecardChecks',
        'Scorecard checks',
        'scorecard/check pairs, e.g. golden-path/has-runbook',
      )}
      {text(
        'scorecardLevel',
        'Scorecard level',
        'scorecard/level, e.g. golden-path/silver',
      )}
      <Typography variant="subtitle2">
        Audience (empty fields match every entity)
      </Typography>
      {AUDIENCE_FIELDS.map(name => (
        <div key={name}>
          {text(name, AUDIENCE_LABELS[name], 'Comma-separated, any of them')}
        </div>
      ))}
      {text('startDate', 'Start date', undefined, { required: true, ...date })}
      {text('dueDate', 'Due date', 'Due at the end of this day', {
        required: true,
        ...date,
      })}
      {text('timeZone', 'Time zone', 'Of the dates, e.g. Europe/Berlin')}
      <Typography variant="subtitle2">Reminders (blank: default)</Typography>
      {text('everyDays', 'Every N days')}
      {text('finalDays', 'Final stretch, days before due')}
      {text('finalEveryDays', 'In the final stretch, every N days')}
      <FormControlLabel
        control={
          <Checkbox
            id="campaign-published"
            color="primary"
            checked={values.published === 'true'}
            onChange={event =>
              field('published').onChange({
                target: { value: String(event.target.checked) },
              })
            }
          />
        }
        label="Published (otherwise a draft)"
      />
    </FormDialog>
  );
}
