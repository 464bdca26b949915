// An application's budget lines and their total: on its page and beside the criteria when scoring.
import { formatPence } from '../../shared/domain/money';

export function BudgetTable({ lines, className }: { lines: readonly { item: string; amount: number }[]; className: string }) {
  return (
    <table className={className}>
      <caption>Budget</caption>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col" className="money">
            Amount
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, i) => (
          <tr key={i}>
            <td>{line.item}</td>
            <td className="money">{formatPence(line.amount)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td className="money">
            <strong>{formatPence(lines.reduce((sum, l) => sum + l.amount, 0))}</strong>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
