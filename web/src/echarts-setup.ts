/**
 * The parts of Apache ECharts the dashboard uses, and nothing else (tree-shaken): line and bar
 * charts, grid, legend, tooltip, the aria description, the SVG renderer, and the Indonesian
 * locale. Imported lazily by charts.ts, so it is a chunk of its own.
 */
import { init, use, registerLocale } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

// ECharts ships no Indonesian: the few words it writes itself (aria descriptions, legend paging);
// only the parts these charts use (no toolbox, only line and bar series)
registerLocale('ID', {
  time: {
    month: [
      'Januari',
      'Februari',
      'Maret',
      'April',
      'Mei',
      'Juni',
      'Juli',
      'Agustus',
      'September',
      'Oktober',
      'November',
      'Desember',
    ],
    monthAbbr: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
    dayOfWeek: ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'],
    dayOfWeekAbbr: ['Min', 'Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab'],
  },
  legend: { selector: { all: 'Semua', inverse: 'Balik' } },
  toolbox: {},
  series: { typeNames: { line: 'grafik garis', bar: 'grafik batang' } },
  aria: {
    general: { withTitle: 'Grafik "{title}"', withoutTitle: 'Grafik' },
    series: {
      single: {
        prefix: '',
        withName: ' berjenis {seriesType} bernama {seriesName}.',
        withoutName: ' berjenis {seriesType}.',
      },
      multiple: {
        prefix: '. Terdiri dari {seriesCount} seri.',
        withName: ' Seri {seriesId} berjenis {seriesType} bernama {seriesName}.',
        withoutName: ' Seri {seriesId} berjenis {seriesType}.',
        separator: { middle: '', end: '' },
      },
    },
    data: {
      allData: '(Semua data: ',
      partialData: '(Data pertama {displayCnt}: ',
      withName: 'nilai {name} adalah {value}',
      withoutName: '{value}',
      separator: { middle: ', ', end: ')' },
    },
  },
} as unknown as Parameters<typeof registerLocale>[1]);

export { init };
