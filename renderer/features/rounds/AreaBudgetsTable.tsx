// A budget per area: one amount field per area, blank meaning the area has no budget in the round.
import type { Area } from '../../../shared/domain/catalogue';
import { formatPence } from '../../../shared/domain/money';

interface Props {
  areas: Area[];
  budgets: Record<string, string>;
  errors: Record<string, string>;
  total: number;
  onChange: (areaId: string, text: string) => void;
}

export function AreaBudgetsTable({ areas, budgets, errors, total, onChange }: Props) {
  return (
    <fieldset className="field area-budgets" aria-describedby="round-budgets-hint">
      <legend>Budget for each area</legend>
      <span className="hint" id="round-budgets-hint">
        In pounds, like £45,000. Leave an area blank if it has no budget in this round — applications from it will then not be accepted.
      </span>
      <table>
        <thead>
          <tr>
            <th scope="col">Area</th>
            <th scope="col">Local authority</th>
            <th scope="col" className="money">
              Budget
            </th>
          </tr>
        </thead>
        <tbody>
          {areas.map((area) => {
            const id = `round-budget-${area.id}`;
            const error = errors[`budget-${area.id}`];
            return (
              <tr key={area.id} className={error ? 'invalid-row' : undefined}>
                <th scope="row">
                  <label htmlFor={id}>{area.name}</label>
                </th>
                <td>{area.localAuthority}</td>
                <td className="money">
                  {error ? (
                    <span className="field-error" id={`${id}-error`}>
                      <span className="visually-hidden">Error: </span>
                      {error}
                    </span>
                  ) : null}
                  <input
                    id={id}
                    type="text"
                    inputMode="decimal"
                    className="money-input"
                    autoComplete="off"
                    value={budgets[area.id] ?? ''}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                    onChange={(e) => onChange(area.id, e.target.value)}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total budget
            </th>
            <td className="money" id="round-budget-total">
              <strong>{formatPence(total)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </fieldset>
  );
}
