/** Quiet hours as alertPreferenceSchema takes them (HH:MM), the schema setAlertPreference validates with. */
import { alertPreferenceSchema } from '../../shared/domain';
import { formSchema } from '../lib/form-schema';

export interface QuietHoursFields {
  start: string;
  end: string;
}

export const quietHoursSchema = formSchema<QuietHoursFields, QuietHoursFields>(
  (f) => ({ start: f.start, end: f.end }),
  alertPreferenceSchema.shape.quietHours.unwrap().unwrap(),
);
