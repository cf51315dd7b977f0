console.log('desktop shell placeholder');
