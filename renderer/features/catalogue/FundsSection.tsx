// The funds money comes from: each one's code, source, maximum award and eligibility.
import { Link } from 'react-router';
import { useMayCall } from '../session/session-cache';
import type { Fund } from '../../../shared/domain/catalogue';
import { formatPence } from '../../../shared/domain/money';
import { FundForm } from './FundForm';

interface Props {
  funds: Fund[];
  editingId: string | null;
  onEdit: (id: string) => void;
  onSaved: (fund: Fund) => void;
  onCancel: () => void;
}

export function FundsSection({ funds, editingId, onEdit, onSaved, onCancel }: Props) {
  const editable = useMayCall()('catalogue.saveFund');
  return (
    <section aria-labelledby="funds-title">
      <h2 id="funds-title" tabIndex={-1}>
        Funds
      </h2>
      <p className="section-lede">The funding streams rounds are opened for. A fund’s maximum award is checked on every application.</p>
      {funds.length === 0 ? <p className="empty-state">No funds are set up.</p> : null}
      {funds.map((fund) => (
        <article key={fund.id} className="catalogue-item" aria-labelledby={`fund-${fund.id}-title`}>
          <h3 id={`fund-${fund.id}-title`}>
            {fund.name} <span className="code">{fund.code}</span>
          </h3>
          {editingId === fund.id ? (
            <FundForm fund={fund} onSaved={onSaved} onCancel={onCancel} />
          ) : (
            <>
              <dl className="summary-list">
                <dt>Source</dt>
                <dd>{fund.source || 'Not recorded'}</dd>
                <dt>Maximum award</dt>
                <dd className="num" id={`fund-${fund.id}-max-award`}>
                  {fund.maxAwardPence === null ? 'No maximum' : formatPence(fund.maxAwardPence)}
                </dd>
                <dt>Eligibility</dt>
                <dd>{fund.eligibility || 'Not recorded'}</dd>
                <dt>Letters</dt>
                <dd>
                  <Link to={`/catalogue/funds/${fund.id}/letters`} id={`fund-${fund.id}-letters`}>
                    Letter template<span className="visually-hidden"> for the {fund.name}</span>
                  </Link>
                  : conditions of grant, payments and wording of its offer and decline letters
                </dd>
              </dl>
              {editable ? (
                <button
                  type="button"
                  className="button secondary"
                  id={`edit-fund-${fund.id}`}
                  disabled={editingId !== null}
                  onClick={() => onEdit(fund.id)}
                >
                  Edit<span className="visually-hidden"> {fund.name}</span>
                </button>
              ) : null}
            </>
          )}
        </article>
      ))}
    </section>
  );
}
