mod sign_up_journey;
