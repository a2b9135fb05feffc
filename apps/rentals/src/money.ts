/** Amounts in sentences the code writes, grouped as the templates show them (`floatformat:2|intcomma`): '1,450.50'. */
export function formatAmount(amount: number): string {
  return amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
