// The Police and Crime Plans applications are scored against: their sections and priorities, each
// plan changeable in place, and a new plan for a new term added below them.
import { useMayCall } from '../session/session-cache';
import type { Plan } from '../../../shared/domain/catalogue';
import { PlanForm } from './PlanForm';

interface Props {
  plans: Plan[];
  /** A plan's id, 'new' while adding one, '' while another section's form is open, or null. */
  editingId: string | null;
  onEdit: (id: string) => void;
  onSaved: (plan: Plan) => void;
  onCancel: () => void;
}

export function PlansSection({ plans, editingId, onEdit, onSaved, onCancel }: Props) {
  const editable = useMayCall()('catalogue.savePlan');
  const busy = editingId !== null;
  return (
    <section aria-labelledby="plans-title">
      <h2 id="plans-title" tabIndex={-1}>
        Police and Crime Plans
      </h2>
      <p className="section-lede">
        Each round scores applications against one plan’s priorities. Applicants name priorities by code or title. A new plan is offered
        when setting up a round.
      </p>
      {plans.length === 0 ? <p className="empty-state">No plans are recorded.</p> : null}
      {plans.map((plan) => (
        <article key={plan.id} className="catalogue-item" aria-labelledby={`plan-${plan.id}-title`}>
          <h3 id={`plan-${plan.id}-title`}>{plan.name}</h3>
          {editingId === plan.id ? (
            <PlanForm plan={plan} plans={plans} onSaved={onSaved} onCancel={onCancel} />
          ) : (
            <>
              <dl className="summary-list">
                <dt>Years</dt>
                <dd>
                  {plan.startYear} to {plan.endYear}
                </dd>
                <dt>Sections</dt>
                <dd>
                  {plan.sections.length === 0 ? (
                    'No sections recorded'
                  ) : (
                    <ol className="plan-sections">
                      {plan.sections.map((s) => (
                        <li key={s.number} value={s.number}>
                          {s.title}
                        </li>
                      ))}
                    </ol>
                  )}
                </dd>
              </dl>
              <table className="priorities-table">
                <caption>Priorities in the {plan.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Code</th>
                    <th scope="col">Priority</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.priorities.map((p) => (
                    <tr key={p.id}>
                      <td>
                        <code>{p.code}</code>
                      </td>
                      <td>{p.title}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {editable ? (
                <button
                  type="button"
                  className="button secondary"
                  id={`edit-plan-${plan.id}`}
                  disabled={busy}
                  onClick={() => onEdit(plan.id)}
                >
                  Edit<span className="visually-hidden"> {plan.name}</span>
                </button>
              ) : null}
            </>
          )}
        </article>
      ))}
      {editingId === 'new' ? (
        <PlanForm plan={null} plans={plans} onSaved={onSaved} onCancel={onCancel} />
      ) : !editable ? null : (
        <div className="button-row">
          <button type="button" className="button secondary" id="add-plan" disabled={busy} onClick={() => onEdit('new')}>
            Add plan
          </button>
        </div>
      )}
    </section>
  );
}
