/** The two languages lkj speaks to a person: Bahasa Indonesia (the default) and English. */
export type Lang = 'id' | 'en';
