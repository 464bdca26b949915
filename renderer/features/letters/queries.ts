// Letters' reads: a fund's template (the default until it is changed, so the fund's name comes too).
import { readQuery } from '../../app/read-query';

export const letterTemplateQuery = readQuery('letterTemplates.get', ['letter_templates', 'funds']);
