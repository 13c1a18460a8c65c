/** Odoo's question when leaving a form with unsaved changes. */
export const DISCARD_QUESTION = "The record has been modified, your changes will be discarded. Do you want to proceed?";
