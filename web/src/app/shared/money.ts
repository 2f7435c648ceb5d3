import { Pipe, type PipeTransform } from '@angular/core';

import { formatMoney, type MoneyValue } from './money-format';

export { type MoneyValue, displayLocale, formatMoney } from './money-format';

@Pipe({ name: 'money' })
export class MoneyPipe implements PipeTransform {
  transform(value: MoneyValue | null | undefined): string {
    return value === null || value === undefined ? '—' : formatMoney(value);
  }
}
