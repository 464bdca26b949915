// The Police and Crime Plans applications are scored against: their sections and priorities.
import type { Plan } from '../../../shared/domain/catalogue';

export function PlansSection({ plans }: { plans: Plan[] }) {
  return (
    <section aria-labelledby="plans-title">
      <h2 id="plans-title" tabIndex={-1}>
        Police and Crime Plans
      </h2>
      <p className="section-lede">
        Each round scores applications against one plan’s priorities. Applicants name priorities by code or title.
      </p>
      {plans.length === 0 ? <p className="empty-state">No plans are recorded.</p> : null}
      {plans.map((plan) => (
        <article key={plan.id} className="catalogue-item" aria-labelledby={`plan-${plan.id}-title`}>
          <h3 id={`plan-${plan.id}-title`}>{plan.name}</h3>
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
        </article>
      ))}
    </section>
  );
}
