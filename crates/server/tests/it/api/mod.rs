mod accounts;
mod errors;
mod operations;
mod profiles;
